build-asan/export/csv.o: export/csv.c export/export.h base/base.h \
 timeline/timeline.h
export/export.h:
base/base.h:
timeline/timeline.h:
