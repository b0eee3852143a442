namespace NetLens.Core.Doctor;

/// <summary>Packets the kernel freed as dropped while the probes ran: its reason (SKB_DROP_REASON_*), the function, how many.</summary>
public sealed record KernelDrop(string Reason, string Location, int Count);
