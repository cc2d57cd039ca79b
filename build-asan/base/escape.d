build-asan/base/escape.o: base/escape.c base/escape.h base/buf.h \
 base/base.h
base/escape.h:
base/buf.h:
base/base.h:
