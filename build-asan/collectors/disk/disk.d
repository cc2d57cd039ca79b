build-asan/collectors/disk/disk.o: collectors/disk/disk.c \
 collectors/disk/disk_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/disk/disk_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
