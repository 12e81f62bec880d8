// Headers only: quire opens OpenBLAS and LAPACKE at first use (see
// LinearAlgebraLibrary.swift) instead of linking them. The typedefs give the
// Swift side each function's exact C type without referencing the symbol.
// OpenBLAS on Debian is built without LAPACKE, so liblapacke is opened beside it.
#include <cblas.h>
#include <lapacke.h>

typedef __typeof__(cblas_ssyrk) *quire_cblas_ssyrk;
typedef __typeof__(cblas_dsyrk) *quire_cblas_dsyrk;
typedef __typeof__(cblas_sgemm) *quire_cblas_sgemm;
typedef __typeof__(cblas_dgemm) *quire_cblas_dgemm;
typedef __typeof__(LAPACKE_ssyevr) *quire_lapacke_ssyevr;
typedef __typeof__(LAPACKE_dsyevr) *quire_lapacke_dsyevr;
typedef __typeof__(LAPACKE_ssysv) *quire_lapacke_ssysv;
typedef __typeof__(LAPACKE_dsysv) *quire_lapacke_dsysv;
