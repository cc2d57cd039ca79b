build-asan/export/jsonl.o: export/jsonl.c export/export.h base/base.h \
 timeline/timeline.h
export/export.h:
base/base.h:
timeline/timeline.h:
