namespace NetLens.Lab.Tests.Scan;

/// <summary>The scan lab with 20% of TCP packets dropped at random each way (36% of connect attempts go unanswered).</summary>
public sealed class LossyScanLab() : ScanLab(lossPercent: 20);
