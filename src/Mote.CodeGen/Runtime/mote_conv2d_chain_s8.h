/* Mote C runtime: two CONV_2D layers in a row, the first one's output read by the second alone, run as one step so
   that the first one's output is never stored whole. The second layer is computed one output row at a time; `window`
   holds the rows of the first layer's output that this row reads, each computed when a row first needs it and
   dropped when no later row does. With an ADD after the second layer, each of its rows is added at once into the
   ADD's other input (the skip tensor) in place, as mote_conv2d_add_s8 does. Bit-exact with the layers run one by one:
   the same kernels compute every element. */
#ifndef MOTE_CONV2D_CHAIN_S8_H
#define MOTE_CONV2D_CHAIN_S8_H

#include "mote_add_s8.h"
#include "mote_conv2d_s8.h"

/* A convolution's constants. */
typedef struct
{
    const mote_conv_params* params;
    const int8_t* filter;
    const int32_t* bias;
} mote_conv_layer;

/* window holds min(first's output_height, (second's filter_height - 1) * dilation_height + 1) rows of first's output;
   scratch is the larger of the two layers' mote_conv2d_s8 scratch (they run one after the other). With add == NULL the
   second layer's output goes to output and band is unused; otherwise add's input1 is the second layer's output and
   input2 the skip tensor, band holds one row of the second layer's output, and output is the skip tensor, read and
   written. When the first layer reads the skip tensor too, the caller has checked that no row is overwritten before
   the first layer's last read of it. */
void mote_conv2d_chain_s8(
    const mote_conv_layer* first, const mote_conv_layer* second, const mote_add_params* add,
    const int8_t* input, int8_t* scratch, int8_t* window, int8_t* band, int8_t* output);

#endif
