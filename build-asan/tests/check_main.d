build-asan/tests/check_main.o: tests/check_main.c \
 build-asan/tests/suites.h
build-asan/tests/suites.h:
