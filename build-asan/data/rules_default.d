build-asan/data/rules_default.o: data/rules_default.S
