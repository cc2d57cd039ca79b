build-asan/tests/check_store.o: tests/check_store.c tests/testutil.h \
 timeline/timeline.h base/base.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
