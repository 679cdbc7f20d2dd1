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
});
