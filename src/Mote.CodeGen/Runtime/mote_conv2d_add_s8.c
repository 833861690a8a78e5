#include "mote_conv2d_add_s8.h"

void mote_conv2d_add_s8(
    const mote_conv_params* conv, const mote_add_params* add, int32_t band_height,
    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* scratch, int8_t* band, int8_t* skip)
{
    const int32_t output_row = conv->output_width * conv->output_depth;
    const int32_t input_row = conv->input_width * conv->input_depth;
    mote_conv_params band_conv = *conv;
    mote_add_params band_add = *add;
    int32_t b, first_row;
    band_conv.batches = 1;
    for (b = 0; b < conv->batches; b++)
    {
        const int8_t* image = input + b * conv->input_height * input_row;
        int8_t* skip_image = skip + b * conv->output_height * output_row;
        for (first_row = 0; first_row < conv->output_height; first_row += band_height)
        {
            /* The band is a convolution of its own over the input from its first input row on: the rows above that
               are skipped by pointer, and what is left of the padding above the image (the first band's) stays. */
            const int32_t top = first_row * conv->stride_height - conv->pad_height;
            const int32_t skipped = top > 0 ? top : 0;
            const int32_t rows = conv->output_height - first_row < band_height ? conv->output_height - first_row : band_height;
            int8_t* target = skip_image + first_row * output_row;
            band_conv.input_height = conv->input_height - skipped;
            band_conv.pad_height = skipped - top;
            band_conv.output_height = rows;
            mote_conv2d_s8(&band_conv, image + skipped * input_row, filter, bias, scratch, band);
            band_add.size = rows * output_row;
            mote_add_s8(&band_add, band, target, target);
        }
    }
}
