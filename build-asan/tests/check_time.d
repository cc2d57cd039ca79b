build-asan/tests/check_time.o: tests/check_time.c timeline/timeline.h \
 base/base.h
timeline/timeline.h:
base/base.h:
