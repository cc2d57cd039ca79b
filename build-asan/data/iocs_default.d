build-asan/data/iocs_default.o: data/iocs_default.S
