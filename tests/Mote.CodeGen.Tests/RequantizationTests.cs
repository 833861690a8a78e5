using Mote.CodeGen.Toolchain;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// mote_requant folds TFLite's two roundings (SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT) into one
/// 64-bit addition; a C program compiled with the host gcc under the sanitizers compares it with the two steps
/// written out (mote_srdhm, mote_rdbypot) on edge values and on random ones.
/// </summary>
public sealed class RequantizationTests(ITestOutputHelper output)
{
    private const string Program = """
        #include <stdio.h>
        #include "mote_common.h"

        static uint64_t state = 0x9e3779b97f4a7c15u;

        static uint32_t next(void)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return (uint32_t)(state >> 16);
        }

        static int32_t reference(int32_t x, int32_t multiplier, int32_t shift)
        {
            const int32_t left = shift > 0 ? shift : 0;
            return mote_rdbypot(mote_srdhm(mote_shl(x, left), multiplier), left - shift);
        }

        static long mismatches;

        static void check(int32_t x, int32_t multiplier, int32_t shift)
        {
            if (mote_requant(x, multiplier, shift) != reference(x, multiplier, shift) && mismatches++ < 10)
            {
                printf("x=%ld multiplier=%ld shift=%ld: %ld, expected %ld\n", (long)x, (long)multiplier, (long)shift,
                    (long)mote_requant(x, multiplier, shift), (long)reference(x, multiplier, shift));
            }
        }

        int main(void)
        {
            static const int32_t xs[] = { INT32_MIN, INT32_MIN + 1, -65536, -3, -2, -1, 0, 1, 2, 3, 65535, INT32_MAX };
            static const int32_t multipliers[] = { 0, 1, 1 << 30, (1 << 30) + 1, INT32_MAX };
            unsigned i, j;
            int32_t shift;
            long n;
            for (shift = -31; shift <= 30; shift++)
            {
                for (i = 0; i < sizeof xs / sizeof xs[0]; i++)
                {
                    for (j = 0; j < sizeof multipliers / sizeof multipliers[0]; j++)
                    {
                        check(xs[i], multipliers[j], shift);
                    }
                }
            }

            for (n = 0; n < 5000000; n++)
            {
                const uint32_t kind = next();
                /* Accumulators of every magnitude, and Q31 multipliers in [2^30, 2^31) as QuantizeMultiplier makes them. */
                const int32_t x = (int32_t)next() >> (kind % 32);
                const int32_t multiplier = (int32_t)(0x40000000u | (next() & 0x3fffffffu));
                const int32_t shift = (int32_t)((kind >> 8) % 62) - 31;
                check(x, multiplier, shift);
            }

            printf("mismatches %ld\n", mismatches);
            return mismatches == 0 ? 0 : 1;
        }
        """;

    [HostCompilerFact]
    public void FoldedRoundingEqualsTfLitesTwoSteps()
    {
        var directory = Directory.CreateTempSubdirectory("mote-requant-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "mote_common.h"), CRuntime.Read("mote_common.h"));
            File.WriteAllText(Path.Combine(directory, "requant_test.c"), Program);
            var build = HostCompiler.Locate().Build(directory, ["requant_test.c"], "requant_test", TimeSpan.FromMinutes(2));
            Assert.True(build.Succeeded, $"gcc failed:\n{build.Output}");

            var run = ProcessRunner.Run(Path.Combine(directory, "requant_test"), [], directory, TimeSpan.FromMinutes(2));
            output.WriteLine(run.Output);
            Assert.True(run.Succeeded, $"mote_requant differs from TFLite's two roundings:\n{run.Output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
