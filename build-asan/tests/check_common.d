build-asan/tests/check_common.o: tests/check_common.c tests/testutil.h \
 timeline/timeline.h base/base.h collectors/collectors.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
collectors/collectors.h:
