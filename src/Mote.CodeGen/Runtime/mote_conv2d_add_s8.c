#include "mote_conv2d_add_s8.h"

#include "mote_conv2d_rows_s8.h"

void mote_conv2d_add_s8(
    const mote_conv_params* conv, const mote_add_params* add, int32_t band_height,
    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* scratch, int8_t* band, int8_t* skip)
{
    const int32_t output_row = conv->output_width * conv->output_depth;
    const int32_t input_image = conv->input_height * conv->input_width * conv->input_depth;
    mote_add_params band_add = *add;
    int32_t b, first_row;
    for (b = 0; b < conv->batches; b++)
    {
        int8_t* skip_image = skip + b * conv->output_height * output_row;
        for (first_row = 0; first_row < conv->output_height; first_row += band_height)
        {
            const int32_t rows = conv->output_height - first_row < band_height ? conv->output_height - first_row : band_height;
            int8_t* target = skip_image + first_row * output_row;
            mote_conv2d_rows_s8(conv, input + b * input_image, filter, bias, scratch, first_row, rows, band);
            band_add.size = rows * output_row;
            mote_add_s8(&band_add, band, target, target);
        }
    }
}
