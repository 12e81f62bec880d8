// cblas.h comes from OpenBLAS (pkg-config openblas); OpenBLAS on Debian is
// built without LAPACKE, so liblapacke is linked beside it.
#include <cblas.h>
#include <lapacke.h>
