build-asan/collectors/disk/walk.o: collectors/disk/walk.c \
 collectors/disk/disk_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/disk/disk_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
