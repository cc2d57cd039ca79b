build-asan/tests/check_base_match.o: tests/check_base_match.c base/fold.h \
 base/buf.h base/base.h base/match.h
base/fold.h:
base/buf.h:
base/base.h:
base/match.h:
