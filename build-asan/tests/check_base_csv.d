build-asan/tests/check_base_csv.o: tests/check_base_csv.c base/csv.h \
 base/base.h base/limits.h
base/csv.h:
base/base.h:
base/limits.h:
