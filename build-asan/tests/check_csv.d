build-asan/tests/check_csv.o: tests/check_csv.c export/export.h \
 base/base.h timeline/timeline.h
export/export.h:
base/base.h:
timeline/timeline.h:
