build-asan/collectors/hr/archive.o: collectors/hr/archive.c \
 collectors/hr/hrdocs_int.h base/buf.h base/base.h collectors/hr/hr_int.h \
 base/csv.h base/escape.h base/fold.h base/limits.h base/match.h \
 collectors/collectors.h timeline/timeline.h
collectors/hr/hrdocs_int.h:
base/buf.h:
base/base.h:
collectors/hr/hr_int.h:
base/csv.h:
base/escape.h:
base/fold.h:
base/limits.h:
base/match.h:
collectors/collectors.h:
timeline/timeline.h:
