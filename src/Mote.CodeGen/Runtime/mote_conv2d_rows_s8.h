/* Mote C runtime: some output rows of one image of an int8 CONV_2D, for kernels that compute a convolution a band of
   rows at a time (mote_conv2d_add_s8, mote_conv2d_chain_s8). */
#ifndef MOTE_CONV2D_ROWS_S8_H
#define MOTE_CONV2D_ROWS_S8_H

#include "mote_conv2d_s8.h"

/* Output rows [first_row, first_row + rows) of the image `image` (one batch of p's input) into output, as
   mote_conv2d_s8 computes them: a band is a convolution of its own over the input from its first input row on. */
void mote_conv2d_rows_s8(
    const mote_conv_params* p, const int8_t* image, const int8_t* filter, const int32_t* bias, int8_t* scratch,
    int32_t first_row, int32_t rows, int8_t* output);

#endif
