build-asan/tests/check_disk.o: tests/check_disk.c \
 collectors/disk/disk_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/disk/disk_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
