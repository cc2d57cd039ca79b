build-asan/tests/testutil.o: tests/testutil.c tests/testutil.h \
 timeline/timeline.h base/base.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
