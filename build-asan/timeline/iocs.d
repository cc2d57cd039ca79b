build-asan/timeline/iocs.o: timeline/iocs.c base/buf.h base/base.h \
 base/csv.h base/limits.h timeline/store_int.h timeline/timeline.h
base/buf.h:
base/base.h:
base/csv.h:
base/limits.h:
timeline/store_int.h:
timeline/timeline.h:
