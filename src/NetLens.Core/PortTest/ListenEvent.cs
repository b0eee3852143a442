using System.Net;

namespace NetLens.Core.PortTest;

/// <summary>One connection accepted or one datagram answered by `port listen`.</summary>
public sealed record ListenEvent(string Protocol, IPEndPoint From, int Bytes, bool FromNetlens);
