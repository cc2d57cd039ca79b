build-asan/base/digest.o: base/digest.c base/base.h
base/base.h:
