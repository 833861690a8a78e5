#include "mote_conv2d_chain_s8.h"

#include <stddef.h>
#include <string.h>

#include "mote_conv2d_rows_s8.h"

void mote_conv2d_chain_s8(
    const mote_conv_layer* first, const mote_conv_layer* second, const mote_add_params* add,
    const int8_t* input, int8_t* scratch, int8_t* window, int8_t* band, int8_t* output)
{
    const mote_conv_params* p1 = first->params;
    const mote_conv_params* p2 = second->params;
    const int32_t middle_row = p1->output_width * p1->output_depth;
    const int32_t output_row = p2->output_width * p2->output_depth;
    const int32_t extent = (p2->filter_height - 1) * p2->dilation_height + 1;
    mote_conv_params row_conv = *p2;
    mote_add_params row_add;
    int32_t b, row;
    row_conv.batches = 1;
    row_conv.output_height = 1;
    if (add != NULL)
    {
        row_add = *add;
        row_add.size = output_row;
    }

    for (b = 0; b < p2->batches; b++)
    {
        const int8_t* image = input + b * p1->input_height * p1->input_width * p1->input_depth;
        int8_t* output_image = output + b * p2->output_height * output_row;
        int32_t held_first = 0; /* window holds rows [held_first, held_first + held) of the first layer's output */
        int32_t held = 0;
        for (row = 0; row < p2->output_height; row++)
        {
            /* The rows of the first layer's output under this row's filter, clipped to the image. */
            const int32_t top = row * p2->stride_height - p2->pad_height;
            const int32_t low = top > 0 ? top : 0;
            const int32_t high = top + extent - 1 < p1->output_height - 1 ? top + extent - 1 : p1->output_height - 1;
            int8_t* target = output_image + row * output_row;
            if (low >= held_first + held)
            {
                held_first = low;
                held = 0;
            }
            else if (low > held_first)
            {
                held -= low - held_first;
                memmove(window, window + (low - held_first) * middle_row, (size_t)(held * middle_row));
                held_first = low;
            }

            if (high >= held_first + held)
            {
                mote_conv2d_rows_s8(p1, image, first->filter, first->bias, scratch, held_first + held, high + 1 - held_first - held, window + held * middle_row);
                held = high + 1 - held_first;
            }

            row_conv.input_height = held;
            row_conv.pad_height = low - top;
            mote_conv2d_s8(&row_conv, window, second->filter, second->bias, scratch, add != NULL ? band : target);
            if (add != NULL)
            {
                mote_add_s8(&row_add, band, target, target);
            }
        }
    }
}
