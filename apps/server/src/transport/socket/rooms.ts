/** Every socket joins its user's room and its device's room; all fan-out addresses these. */
export const userRoom = (userId: string) => `user:${userId}`;
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;
