namespace Mote.Analysis;

/// <summary>
/// The boards <c>mote analyze --target</c> knows. RAM is all on-chip SRAM; flash is on-chip flash, or the flash
/// part of the usual board or module where the chip has none (RP2040, ESP32-S3). Power figures are datasheet run-mode
/// numbers (typical, CPU busy, peripherals and radios off) converted to milliwatts at the stated supply; they stand
/// for the chip, not the whole board with its regulators and sensors.
/// </summary>
public static class BoardDatabase
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;

    public static IReadOnlyList<Board> All { get; } =
    [
        new(
            "nano33ble",
            "Arduino Nano 33 BLE Sense",
            "nRF52840",
            CoreClass.CortexM4,
            64,
            256 * KiB,
            1 * MiB,
            9.9,
            "nRF52840 Product Specification v1.7, CPU running CoreMark from flash, DC/DC on: 3.3 mA at 3 V"),
        new(
            "stm32l4r5",
            "STM32 NUCLEO-L4R5ZI",
            "STM32L4R5ZI",
            CoreClass.CortexM4,
            120,
            640 * KiB,
            2 * MiB,
            39.6,
            "STM32L4R5xx datasheet (DS12023), Run mode from flash, range 1: about 110 µA/MHz at 3 V"),
        new(
            "stm32h7a3",
            "STM32 NUCLEO-H7A3ZI-Q",
            "STM32H7A3ZI",
            CoreClass.CortexM7,
            280,
            1380 * KiB,
            2 * MiB,
            105.6,
            "STM32H7A3xI/G datasheet, Run mode, all peripherals off: about 32 mA at 280 MHz, 3.3 V; "
            + "RAM is the 1.4 MB total (largest contiguous block: 1 MB AXI SRAM)"),
        new(
            "rp2040",
            "Raspberry Pi Pico",
            "RP2040",
            CoreClass.CortexM0Plus,
            133,
            264 * KiB,
            2 * MiB,
            82.5,
            "Raspberry Pi Pico datasheet, power consumption section: about 25 mA busy at 3.3 V; flash is the Pico's 2 MB QSPI chip"),
        new(
            "esp32s3",
            "ESP32-S3-DevKitC-1 (N8)",
            "ESP32-S3",
            CoreClass.XtensaLx7,
            240,
            512 * KiB,
            8 * MiB,
            165.0,
            "ESP32-S3 datasheet, active mode with RF off, 240 MHz: about 50 mA at 3.3 V; flash is the 8 MB of the N8 module"),
        new(
            "stm32u385",
            "STM32 NUCLEO-U385RG-Q",
            "STM32U385RG",
            CoreClass.CortexM33,
            96,
            256 * KiB,
            1 * MiB,
            3.2,
            "STM32U375/385 datasheet, Run mode with SMPS: about 10 µA/MHz at 3.3 V"),
    ];

    /// <summary>The board with this id (case-insensitive), or null.</summary>
    public static Board? Find(string id) =>
        All.FirstOrDefault(board => string.Equals(board.Id, id, StringComparison.OrdinalIgnoreCase));
}
