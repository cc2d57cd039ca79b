build-asan/tests/check_base_fold.o: tests/check_base_fold.c base/fold.h \
 base/buf.h base/base.h
base/fold.h:
base/buf.h:
base/base.h:
