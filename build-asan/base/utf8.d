build-asan/base/utf8.o: base/utf8.c base/base.h
base/base.h:
