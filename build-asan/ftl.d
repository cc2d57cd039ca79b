build-asan/ftl.o: ftl.c ftl.h base/base.h collectors/collectors.h \
 base/base.h timeline/timeline.h export/export.h timeline/timeline.h
ftl.h:
base/base.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
export/export.h:
timeline/timeline.h:
