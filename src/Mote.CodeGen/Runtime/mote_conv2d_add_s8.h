/* Mote C runtime: a CONV_2D whose output feeds only the ADD after it, run as one step so that the convolution's
   output is never stored whole. The convolution fills a band of output rows at a time; each band is added at once
   into the ADD's other input (the skip tensor), which becomes the ADD's output in place. Bit-exact with CONV_2D
   followed by ADD: the same kernels compute every element, only the order of rows changes. */
#ifndef MOTE_CONV2D_ADD_S8_H
#define MOTE_CONV2D_ADD_S8_H

#include "mote_add_s8.h"
#include "mote_conv2d_s8.h"

/* conv and add describe the two layers whole; add's input1 is the convolution's output and input2 the skip tensor.
   band holds band_height * output_width * output_depth bytes; scratch is mote_conv2d_s8's. skip is read and written. */
void mote_conv2d_add_s8(
    const mote_conv_params* conv, const mote_add_params* add, int32_t band_height,
    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* scratch, int8_t* band, int8_t* skip);

#endif
