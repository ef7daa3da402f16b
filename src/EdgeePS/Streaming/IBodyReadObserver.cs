namespace EdgeePS.Streaming
{
    /// <summary>Told of each read an open stream makes of the response body, on the thread that makes it.</summary>
    internal interface IBodyReadObserver
    {
        /// <summary>Just before a read, which may wait for the network.</summary>
        void BeforeRead();

        /// <summary>Just after it. A read that filled all the room it offered suggests more data was already waiting.</summary>
        void AfterRead(int offered, int received);
    }
}
