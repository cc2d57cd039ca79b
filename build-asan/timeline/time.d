build-asan/timeline/time.o: timeline/time.c timeline/timeline.h \
 base/base.h
timeline/timeline.h:
base/base.h:
