build-asan/tests/check_hr.o: tests/check_hr.c tests/testutil.h \
 timeline/timeline.h base/base.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
