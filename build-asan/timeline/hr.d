build-asan/timeline/hr.o: timeline/hr.c timeline/store_int.h \
 timeline/timeline.h base/base.h
timeline/store_int.h:
timeline/timeline.h:
base/base.h:
