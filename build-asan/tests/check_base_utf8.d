build-asan/tests/check_base_utf8.o: tests/check_base_utf8.c base/base.h
base/base.h:
