build-asan/export/bodyfile.o: export/bodyfile.c export/export.h \
 base/base.h timeline/timeline.h
export/export.h:
base/base.h:
timeline/timeline.h:
