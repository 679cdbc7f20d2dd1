import { BlockBatchSizer, blockCursor, parseBlockCursor } from './heap-blocks';

describe('heap block cursor', () => {
  it('should read back the block it wrote, and tell a key cursor apart', () => {
    expect(parseBlockCursor(blockCursor(1351))).toBe(1351);
    expect(parseBlockCursor(null)).toBeNull();
    expect(parseBlockCursor('0f3a9c2e-1d4b-4c5e-8f9a-0b1c2d3e4f5a')).toBeUndefined();
    expect(parseBlockCursor('block:-1')).toBeUndefined();
  });
});

describe(BlockBatchSizer.name, () => {
  it('should first read about batchSize rows, one block at least', () => {
    // 50,000 rows at 37 a block is 1,351 blocks.
    expect(new BlockBatchSizer(50_000, 37).blocks).toBe(1351);
    expect(new BlockBatchSizer(3, 37).blocks).toBe(1);
  });

  it('should assume the densest block without statistics', () => {
    // 291 rows fit at most in an 8 kB block: 50,000 / 291 = 171 blocks.
    expect(new BlockBatchSizer(50_000, null).blocks).toBe(171);
  });

  it('should shrink after a crowded batch and grow back, never past its first size', () => {
    const sizer = new BlockBatchSizer(50_000, 18.5);

    // 2,702 blocks held 100,000 candidates: half as many blocks hold about 50,000.
    sizer.observe(100_000);
    expect(sizer.blocks).toBe(1351);

    sizer.observe(50_000);
    expect(sizer.blocks).toBe(1351);

    sizer.observe(0);
    sizer.observe(0);
    expect(sizer.blocks).toBe(2702);
  });

  it('should probe the first batch’s blocks, at most 1,024, none if assuming the densest', () => {
    // 1,000 rows at 2.5 a block is 400 blocks; 50,000 at 37 would be 1,351, over the cap.
    expect(new BlockBatchSizer(1_000, 2.5).probeBlocks).toBe(400);
    expect(new BlockBatchSizer(50_000, 37).probeBlocks).toBe(1024);
    expect(new BlockBatchSizer(50_000, null).probeBlocks).toBe(0);
  });

  it('should size by a count denser than the statistics, and grow no further than that', () => {
    const sizer = new BlockBatchSizer(1_000, 2.5);

    // 400 blocks held 20,000 rows, 50 a block: 1,000 rows fill 20 blocks, not 400.
    sizer.calibrate(20_000, 400);
    expect(sizer.blocks).toBe(20);

    sizer.observe(0);
    expect(sizer.blocks).toBe(20);
  });

  it('should keep the statistics when the count found fewer rows, or none', () => {
    const sizer = new BlockBatchSizer(50_000, 37);

    sizer.calibrate(10_240, 1024);
    sizer.calibrate(0, 0);
    expect(sizer.blocks).toBe(1351);
  });

  it('should never assume more rows a block than fit', () => {
    const sizer = new BlockBatchSizer(1_000, 2.5);

    // 400 a block cannot be: 291 fit at most, and 1,000 / 291 = 3 blocks.
    sizer.calibrate(4_000, 10);
    expect(sizer.blocks).toBe(3);
  });
});
