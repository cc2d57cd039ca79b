build-asan/tests/check_disk_walk.o: tests/check_disk_walk.c \
 collectors/disk/disk_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/disk/disk_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
