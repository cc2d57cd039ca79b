build-asan/tests/check_base_buf.o: tests/check_base_buf.c base/buf.h \
 base/base.h
base/buf.h:
base/base.h:
