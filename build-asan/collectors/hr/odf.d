build-asan/collectors/hr/odf.o: collectors/hr/odf.c \
 collectors/hr/hr_int.h base/csv.h base/base.h base/escape.h base/buf.h \
 base/fold.h base/limits.h base/match.h collectors/collectors.h \
 timeline/timeline.h
collectors/hr/hr_int.h:
base/csv.h:
base/base.h:
base/escape.h:
base/buf.h:
base/fold.h:
base/limits.h:
base/match.h:
collectors/collectors.h:
timeline/timeline.h:
