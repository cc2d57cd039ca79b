build-asan/base/err.o: base/err.c base/base.h
base/base.h:
