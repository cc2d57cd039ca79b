build-asan/tests/check_iocs.o: tests/check_iocs.c tests/testutil.h \
 timeline/timeline.h base/base.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
