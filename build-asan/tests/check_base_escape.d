build-asan/tests/check_base_escape.o: tests/check_base_escape.c \
 base/csv.h base/base.h base/escape.h base/buf.h export/export.h \
 timeline/timeline.h
base/csv.h:
base/base.h:
base/escape.h:
base/buf.h:
export/export.h:
timeline/timeline.h:
