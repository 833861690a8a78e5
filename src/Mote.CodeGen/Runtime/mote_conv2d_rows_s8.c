#include "mote_conv2d_rows_s8.h"

void mote_conv2d_rows_s8(
    const mote_conv_params* p, const int8_t* image, const int8_t* filter, const int32_t* bias, int8_t* scratch,
    int32_t first_row, int32_t rows, int8_t* output)
{
    /* Input rows above the band's first one are skipped by pointer; what is left of the padding above the image (the
       first band's) stays. */
    const int32_t top = first_row * p->stride_height - p->pad_height;
    const int32_t skipped = top > 0 ? top : 0;
    mote_conv_params band = *p;
    band.batches = 1;
    band.input_height = p->input_height - skipped;
    band.pad_height = skipped - top;
    band.output_height = rows;
    mote_conv2d_s8(&band, image + skipped * p->input_width * p->input_depth, filter, bias, scratch, output);
}
