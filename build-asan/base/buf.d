build-asan/base/buf.o: base/buf.c base/buf.h base/base.h
base/buf.h:
base/base.h:
