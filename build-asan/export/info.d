build-asan/export/info.o: export/info.c export/export.h base/base.h \
 timeline/timeline.h
export/export.h:
base/base.h:
timeline/timeline.h:
