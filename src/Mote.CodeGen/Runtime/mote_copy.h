/* Mote C runtime: copies elements between two affine views of memory, for the data-movement operators
   (PAD, STRIDED_SLICE, TRANSPOSE). Which element goes where is decided at generation time: the copy walks an
   index space of up to MOTE_COPY_MAX_RANK axes, and element (i0, i1, ...) is read at input_start + sum(i_a *
   input_steps[a]) and written at output_start + sum(i_a * output_steps[a]) (all in elements). */
#ifndef MOTE_COPY_H
#define MOTE_COPY_H

#include "mote_common.h"

#define MOTE_COPY_MAX_RANK 6

typedef struct
{
    int32_t rank; /* 1 to MOTE_COPY_MAX_RANK, outermost axis first */
    int32_t dims[MOTE_COPY_MAX_RANK];
    int32_t input_steps[MOTE_COPY_MAX_RANK];
    int32_t output_steps[MOTE_COPY_MAX_RANK];
    int32_t input_start;
    int32_t output_start;
    int32_t element_size; /* bytes: 1, 2 or 4 */
} mote_copy_params;

/* input and output must not overlap. */
void mote_copy(const mote_copy_params* p, const void* input, void* output);

#endif
